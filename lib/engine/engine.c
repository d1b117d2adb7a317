/* cc_engine: building from configuration, reference counting, getters. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine_int.h"

#define CC__CONFIG_MAX_BYTES (16u * 1024 * 1024)

static int check_options(const cc_engine_options *opts, const char *func)
{
	if (!opts)
		return 0;
	return cc__check_options_version(func, "cc_engine_options", opts->version,
					 CC_ENGINE_OPTIONS_VERSION);
}

static const char *array_item_id(const cJSON *item)
{
	const cJSON *id;
	if (!cJSON_IsObject(item))
		return NULL;
	id = cJSON_GetObjectItemCaseSensitive(item, "id");
	return cJSON_IsString(id) ? id->valuestring : NULL;
}

static bool array_is_keyed(const cJSON *arr)
{
	const cJSON *it;
	if (cJSON_GetArraySize(arr) == 0)
		return false;
	cJSON_ArrayForEach(it, arr)
	{
		if (!array_item_id(it))
			return false;
	}
	return true;
}

static int merge(cJSON *base, cJSON *over);

/* Lists of objects with an "id" (departments, fields, FAQ entries, rules)
 * merge entry by entry, so a file adds a "billing" department without
 * repeating the defaults; {"id": "sales", "remove": true} deletes one. */
static int merge_keyed_array(cJSON *base, cJSON *over)
{
	cJSON *it;
	while ((it = over->child) != NULL) {
		const char *id = array_item_id(it);
		cJSON *rm = cJSON_GetObjectItemCaseSensitive(it, "remove");
		cJSON *match = NULL, *b;
		int idx = 0, found = -1;
		cJSON_ArrayForEach(b, base)
		{
			const char *bid = array_item_id(b);
			if (bid && strcmp(bid, id) == 0) {
				match = b;
				found = idx;
				break;
			}
			idx++;
		}
		cJSON_DetachItemViaPointer(over, it);
		if (cJSON_IsTrue(rm)) {
			if (match)
				cJSON_DeleteItemFromArray(base, found);
			cJSON_Delete(it);
		} else if (match) {
			int rc = merge(match, it);
			cJSON_Delete(it);
			if (rc)
				return rc;
		} else {
			cJSON_AddItemToArray(base, it);
		}
	}
	return 0;
}

/* Merges @over into @base, consuming @over's children. */
static int merge(cJSON *base, cJSON *over)
{
	cJSON *it;
	while ((it = over->child) != NULL) {
		cJSON *b;
		char *key = it->string;
		cJSON_DetachItemViaPointer(over, it);
		b = key ? cJSON_GetObjectItemCaseSensitive(base, key) : NULL;
		if (b && cJSON_IsObject(b) && cJSON_IsObject(it)) {
			int rc = merge(b, it);
			cJSON_Delete(it);
			if (rc)
				return rc;
		} else if (b && cJSON_IsArray(b) && cJSON_IsArray(it) && array_is_keyed(b) &&
			   array_is_keyed(it)) {
			int rc = merge_keyed_array(b, it);
			cJSON_Delete(it);
			if (rc)
				return rc;
		} else if (b) {
			cJSON_ReplaceItemViaPointer(base, b, it);
		} else {
			cJSON_AddItemToObject(base, key, it);
			/* AddItemToObject copied the key; the detached one is
			 * still owned by the item it was taken from. */
		}
	}
	return 0;
}

static int parse_json(cJSON **out, const char *json, size_t len, const char *what)
{
	const char *end = NULL;
	size_t off, i, line = 1, col = 1;
	int rc;

	*out = NULL;
	if (len > CC__CONFIG_MAX_BYTES)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_CONFIG,
				 "%s: configuration of %zu bytes exceeds %u", what, len,
				 CC__CONFIG_MAX_BYTES);
	rc = cc__utf8_require(json, len, what);
	if (rc)
		return rc;
	*out = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (*out)
		return 0;
	off = end && end >= json ? (size_t)(end - json) : 0;
	for (i = 0; i < off && i < len; i++) {
		if (json[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	return cc__error(CC_EPARSE, CC_ERRCLASS_JSON, "%s: malformed JSON at line %zu, column %zu",
			 what, line, col);
}

static int build(cc_engine **out, cJSON *user, const cc_engine_options *opts)
{
	cc_engine *e;
	cJSON *root = NULL;
	int rc;

	rc = parse_json(&root, cc_engine__default_json, cc_engine__default_json_len,
			"default configuration");
	if (rc) {
		cJSON_Delete(user);
		return rc;
	}
	if (user) {
		if (!cJSON_IsObject(user)) {
			cJSON_Delete(user);
			cJSON_Delete(root);
			return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 "(root): expected an object");
		}
		rc = merge(root, user);
		cJSON_Delete(user);
		if (rc) {
			cJSON_Delete(root);
			return rc;
		}
	}
	if (!opts || !(opts->flags & CC_ENGINE_NO_ENV)) {
		rc = cc_engine__env_apply(root, opts);
		if (rc) {
			cJSON_Delete(root);
			return rc;
		}
	}
	e = cc__calloc(1, sizeof(*e));
	if (!e) {
		cJSON_Delete(root);
		return cc__error_nomem();
	}
	atomic_init(&e->refs, 1);
	e->config = root;
	if (opts) {
		e->classifier = opts->classifier;
		e->classifier_userdata = opts->classifier_userdata;
	}
	rc = cc_engine__compile(e);
	if (rc) {
		cc_engine__release(e);
		return rc;
	}
	if (!opts || !(opts->flags & CC_ENGINE_NO_GLOBAL_LOG_LEVEL)) {
		const cJSON *lvl = cJSON_GetObjectItemCaseSensitive(root, "log_level");
		int level;
		if (cJSON_IsString(lvl) && cc_log_level_parse(&level, lvl->valuestring) == 0)
			cc_log_set_level(level);
	}
	*out = e;
	return 0;
}

int cc_engine_new_default(cc_engine **out, const cc_engine_options *opts)
{
	int rc;
	CC__CHECK_NOTNULL(out);
	*out = NULL;
	rc = check_options(opts, __func__);
	if (rc)
		return rc;
	return build(out, NULL, opts);
}

int cc_engine_new_from_json(cc_engine **out, const char *json, size_t len,
			    const cc_engine_options *opts)
{
	cJSON *user;
	int rc;
	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(json);
	rc = check_options(opts, __func__);
	if (rc)
		return rc;
	rc = parse_json(&user, json, len, "configuration");
	if (rc)
		return rc;
	return build(out, user, opts);
}

int cc_engine_new_from_file(cc_engine **out, const char *path, const cc_engine_options *opts)
{
	FILE *f;
	cc_buf text = CC_BUF_INIT;
	char chunk[8192];
	size_t n;
	cJSON *user = NULL;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(path);
	rc = check_options(opts, __func__);
	if (rc)
		return rc;
	f = fopen(path, "rb");
	if (!f)
		return cc__error(CC_EIO, CC_ERRCLASS_OS, "cannot open configuration '%s': %s",
				 path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (text.size + n > CC__CONFIG_MAX_BYTES) {
			fclose(f);
			cc_buf_dispose(&text);
			return cc__error(CC_ETOOBIG, CC_ERRCLASS_CONFIG,
					 "configuration '%s' exceeds %u bytes", path,
					 CC__CONFIG_MAX_BYTES);
		}
		rc = cc__buf_put(&text, chunk, n);
		if (rc) {
			fclose(f);
			cc_buf_dispose(&text);
			return rc;
		}
	}
	if (ferror(f)) {
		fclose(f);
		cc_buf_dispose(&text);
		return cc__error(CC_EIO, CC_ERRCLASS_OS, "cannot read configuration '%s'", path);
	}
	fclose(f);
	rc = parse_json(&user, text.ptr ? text.ptr : "", text.size, path);
	cc_buf_dispose(&text);
	if (rc)
		return rc;
	return build(out, user, opts);
}

cc_engine *cc_engine_ref(cc_engine *engine)
{
	if (engine)
		atomic_fetch_add_explicit(&engine->refs, 1, memory_order_relaxed);
	return engine;
}

void cc_engine_free(cc_engine *engine)
{
	if (!engine)
		return;
	if (atomic_fetch_sub_explicit(&engine->refs, 1, memory_order_acq_rel) != 1)
		return;
	cc_engine__release(engine);
}

int cc_engine_config_json(cc_buf *out, const cc_engine *engine)
{
	char *s;
	int rc;
	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(engine);
	s = cJSON_Print(engine->config);
	if (!s)
		return cc__error_nomem();
	rc = cc__buf_set(out, s, strlen(s));
	cJSON_free(s);
	return rc;
}

const char *cc_engine_company_name(const cc_engine *engine, const char *lang)
{
	char buf[8];
	if (!engine)
		return NULL;
	return strcmp(cc_engine__resolve_lang(engine, lang, buf), "ar") == 0 ? engine->company_ar
									     : engine->company_en;
}

size_t cc_engine_field_count(const cc_engine *engine)
{
	return engine ? engine->nfields : 0;
}

const cc_field *cc_engine_field(const cc_engine *engine, size_t index)
{
	if (!engine || index >= engine->nfields)
		return NULL;
	return &engine->fields[index];
}

const cc_field *cc_engine_field_find(const cc_engine *engine, const char *name)
{
	size_t i;
	if (!engine || !name)
		return NULL;
	for (i = 0; i < engine->nfields; i++)
		if (strcmp(engine->fields[i].name, name) == 0)
			return &engine->fields[i];
	return NULL;
}

const cc_ivr_settings *cc_engine_ivr(const cc_engine *engine)
{
	return engine ? &engine->ivr : NULL;
}

size_t cc_engine_department_count(const cc_engine *engine)
{
	return engine ? engine->ndepts : 0;
}

const cc_department *cc_engine_department(const cc_engine *engine, size_t index)
{
	if (!engine || index >= engine->ndepts)
		return NULL;
	return &engine->depts[index];
}

const cc_department *cc_engine_department_find(const cc_engine *engine, const char *id)
{
	size_t i;
	if (!engine || !id)
		return NULL;
	for (i = 0; i < engine->ndepts; i++)
		if (strcmp(engine->depts[i].id, id) == 0)
			return &engine->depts[i];
	return NULL;
}

const char *cc_department_name(const cc_department *dept, const char *lang)
{
	if (!dept)
		return NULL;
	if (lang && strncasecmp(lang, "ar", 2) == 0 && (lang[2] == '\0' || lang[2] == '-' ||
							 lang[2] == '_'))
		return dept->name_ar;
	return dept->name_en;
}

static int feature_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const cc__feature *)elem)->name);
}

int cc_engine_feature(const cc_engine *engine, const char *name)
{
	const cc__feature *f;
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(name);
	f = bsearch(name, engine->features, engine->nfeatures, sizeof(*f), feature_cmp);
	if (!f)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_ENGINE, "unknown feature '%s'", name);
	return f->value;
}

int cc_engine_retention_days(const cc_engine *engine, const char *kind)
{
	size_t i;
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(kind);
	for (i = 0; i < engine->nretention; i++)
		if (strcmp(engine->retention[i].kind, kind) == 0)
			return engine->retention[i].days;
	return cc__error(CC_ENOTFOUND, CC_ERRCLASS_ENGINE, "no retention policy for '%s'", kind);
}

int cc_engine_resolution_hours(const cc_engine *engine, cc_severity s)
{
	CC__CHECK_NOTNULL(engine);
	if ((int)s < 0 || (int)s > CC_SEVERITY_CRITICAL)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG, "unknown severity %d", (int)s);
	return engine->resolution_hours[s];
}

const char *cc_engine_time_zone(const cc_engine *engine)
{
	return engine ? engine->hours.tz : NULL;
}
