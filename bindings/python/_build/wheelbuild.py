"""A minimal PEP 517 build backend for the pure-Python callcenter package.

It zips callcenter/ into a wheel with the metadata pip needs; the C library
is found at run time (CALLCENTER_LIBRARY, build tree, system).
"""
import base64
import hashlib
import os
import tarfile
import zipfile

NAME = 'callcenter'
VERSION = '0.1.0'
SUMMARY = ('Python bindings for libcallcenter, the brain of an '
           'Arabic/English voice call center')
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAG = 'py3-none-any'
DIST = '%s-%s' % (NAME, VERSION)


def _metadata():
    return ('Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\n'
            'Requires-Python: >=3.9\nLicense: MIT\n' % (NAME, VERSION, SUMMARY))


def _files():
    pkg = os.path.join(HERE, NAME)
    for root, dirs, files in os.walk(pkg):
        dirs[:] = [d for d in dirs if d != '__pycache__']
        for f in sorted(files):
            if f.endswith(('.py', '.typed')):
                full = os.path.join(root, f)
                yield full, os.path.relpath(full, HERE)


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
    return '%s,sha256=%s,%d' % (arcname, digest.rstrip(b'=').decode(), len(data))


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = '%s-%s.whl' % (DIST, TAG)
    distinfo = '%s.dist-info' % DIST
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, name), 'w',
                         zipfile.ZIP_DEFLATED) as whl:
        def add(arcname, data):
            whl.writestr(arcname, data)
            records.append(_record_line(arcname, data))
        for full, arc in _files():
            with open(full, 'rb') as f:
                add(arc, f.read())
        add(distinfo + '/METADATA', _metadata().encode())
        add(distinfo + '/WHEEL', ('Wheel-Version: 1.0\nGenerator: wheelbuild\n'
                                  'Root-Is-Purelib: true\nTag: %s\n' % TAG).encode())
        records.append(distinfo + '/RECORD,,')
        whl.writestr(distinfo + '/RECORD', '\n'.join(records) + '\n')
    return name


def build_sdist(sdist_directory, config_settings=None):
    name = DIST + '.tar.gz'
    with tarfile.open(os.path.join(sdist_directory, name), 'w:gz') as tar:
        for rel in ['pyproject.toml', '_build/wheelbuild.py']:
            tar.add(os.path.join(HERE, rel), arcname=DIST + '/' + rel)
        for full, arc in _files():
            tar.add(full, arcname=DIST + '/' + arc)
    return name
