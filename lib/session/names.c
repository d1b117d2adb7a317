/* Names of the session's enums, as they appear in actions and snapshots. */
#include <string.h>

#include "session/session_int.h"

static const char *const stage_names[] = {
	"welcome", "collect_name", "collect_phone", "collect_email",
	"collect_service_type", "confirm_data", "route_to_department",
	"department_handling", "call_ended", "collect_field", "edit_field",
};

CC_EXTERN(const char *) cc_session_stage_name(cc_session_stage stage)
{
	if ((unsigned)stage >= CC__ARRAY_SIZE(stage_names))
		return "unknown";
	return stage_names[stage];
}

int cc_session__stage_parse(const char *name)
{
	for (size_t i = 0; i < CC__ARRAY_SIZE(stage_names); i++)
		if (strcmp(stage_names[i], name) == 0)
			return (int)i;
	return -1;
}

CC_EXTERN(const char *) cc_action_type_name(cc_action_type type)
{
	switch (type) {
	case CC_ACTION_SAY: return "say";
	case CC_ACTION_EXPECT: return "expect";
	case CC_ACTION_ROUTE: return "route";
	case CC_ACTION_ENQUEUE: return "enqueue";
	case CC_ACTION_TRANSFER: return "transfer";
	case CC_ACTION_TICKET: return "ticket";
	case CC_ACTION_HANGUP: return "hangup";
	}
	return "unknown";
}

CC_EXTERN(const char *) cc_input_kind_name(cc_input_kind kind)
{
	switch (kind) {
	case CC_INPUT_SPEECH: return "speech";
	case CC_INPUT_DTMF: return "dtmf";
	case CC_INPUT_BOTH: return "both";
	}
	return "unknown";
}

CC_EXTERN(const char *) cc_speaker_name(cc_speaker speaker)
{
	switch (speaker) {
	case CC_SPEAKER_CALLER: return "caller";
	case CC_SPEAKER_BOT: return "bot";
	case CC_SPEAKER_SYSTEM: return "system";
	}
	return "unknown";
}

const char *cc_session__lang_name(int lang)
{
	return lang == CC_SESSION__EN ? "en" : "ar";
}

/* Outcomes are a closed set of static strings, so a session keeps a pointer
 * and a snapshot restores the same pointer. */
static const char *const outcomes[] = {
	"completed", "transferred", "queued", "agent_answered", "callback",
	"abandoned", "no_input", "inactivity", "call_limit", "escalated",
	"after_hours",
};

const char *cc_session__outcome_intern(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < CC__ARRAY_SIZE(outcomes); i++)
		if (strcmp(outcomes[i], name) == 0)
			return outcomes[i];
	return NULL;
}
