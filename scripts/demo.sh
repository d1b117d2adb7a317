#!/bin/sh
# The main job (`make demo`): installs what is missing, builds, and plays a
# complete call in Arabic through the IVR session (callcenter ivr).  With a
# terminal on standard input you are the caller; otherwise a short scripted
# caller plays the call.  It ends by showing what the call left behind.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
sh scripts/build.sh build
tool=./build/tools/callcenter

if [ -t 0 ]; then
	echo "You are the caller. Answer in Arabic or English; dtmf:1 presses keys,"
	echo "an empty line is silence, Ctrl-D hangs up."
	exec "$tool" ivr --lang ar --region SA
fi

# The scripted caller: a billing complaint with a spoken phone number and
# e-mail, a correction of the e-mail at confirmation, the complaint's
# details, and an agent who answers.  The clock is pinned to a Sunday 11:00
# in Damascus (open hours) so the call is the same every time; drop --epoch
# to use the real time.
echo "A scripted caller plays a call in Arabic (run 'make demo' in a terminal"
echo "to be the caller yourself)."
echo
"$tool" ivr --lang ar --region SA --seed 2024 --epoch 1763884800 <<'CALL'
السلام عليكم، معك أحمد الخطيب
صفر خمسة صفر واحد اثنين ثلاثة أربعة خمسة ستة سبعة
ahmed at example dot com
عندي شكوى على الفاتورة
لا، الإيميل غلط
ahmed.khatib@example.com
نعم
دفعت الفاتورة مرتين هذا الشهر
notice:agent
CALL
