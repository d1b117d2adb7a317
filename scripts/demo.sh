#!/bin/sh
# The main job (`make demo`): installs what is missing, builds, and plays a
# complete call in Arabic through the IVR session (callcenter ivr).  With a
# terminal on standard input you are the caller; otherwise a short scripted
# caller plays the call.  It ends by showing what the CRM stored.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
sh scripts/build.sh build
tool=./build/tools/callcenter

# Every demo call is recorded in a fresh SQLite CRM, shown at the end.
db=build/demo.db
rm -f "$db" "$db-wal" "$db-shm"
store="sqlite:$db"

show_stored() {
	echo
	echo "== What the CRM stored ($store)"
	call=$("$tool" crm --store "$store" calls --json --limit 1 |
		sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' | head -1)
	echo "-- customers"
	"$tool" crm --store "$store" customers
	echo "-- tickets"
	"$tool" crm --store "$store" tickets
	if [ -n "$call" ]; then
		echo "-- the call and its transcript"
		"$tool" crm --store "$store" show "$call"
	fi
}

if [ -t 0 ]; then
	echo "You are the caller. Answer in Arabic or English; dtmf:1 presses keys,"
	echo "an empty line is silence, Ctrl-D hangs up."
	"$tool" ivr --lang ar --region SA --store "$store" || true
	show_stored
	exit 0
fi

# The scripted caller: a billing complaint with a spoken phone number and
# e-mail, a correction of the e-mail at confirmation, the complaint's
# details, and an agent who answers.  The clock is set to 11:00 Damascus
# time on the latest working day (Saturday to Thursday, not a holiday of the
# default configuration), so the call always meets open hours and its
# records carry a current date; drop --epoch to use the real time.
epoch=""
for back in 0 1 2 3; do
	day=$(TZ=Asia/Damascus date -d "$back days ago" +%Y-%m-%d)
	case "$(TZ=Asia/Damascus date -d "$day" +%u)-${day#*-}" in
	5-* | *-01-01 | *-05-01) continue ;;
	esac
	epoch=$(TZ=Asia/Damascus date -d "$day 11:00" +%s)
	break
done
echo "A scripted caller plays a call in Arabic (run 'make demo' in a terminal"
echo "to be the caller yourself)."
echo
"$tool" ivr --lang ar --region SA --seed 2024 --epoch "$epoch" --store "$store" <<'CALL'
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
show_stored
