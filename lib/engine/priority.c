/* Names of priorities, severities, route reasons and rule actions. */
#include <strings.h>

#include "engine_int.h"

static const char *const priority_names[] = { "low", "medium", "high", "urgent" };
static const char *const severity_names[] = { "low", "medium", "high", "critical" };
static const char *const reason_names[] = { "keywords", "named", "default", "classifier" };
static const char *const action_names[] = { "set_priority", "create_ticket", "transfer",
					    "require_field", "skip_field",    "say",
					    "set_flag",	    "route" };

const char *cc_priority_name(cc_priority p)
{
	return (unsigned)p < CC__ARRAY_SIZE(priority_names) ? priority_names[p] : "unknown";
}

int cc_priority_parse(cc_priority *out, const char *name)
{
	size_t i;
	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(name);
	for (i = 0; i < CC__ARRAY_SIZE(priority_names); i++)
		if (strcasecmp(name, priority_names[i]) == 0) {
			*out = (cc_priority)i;
			return 0;
		}
	return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
			 "unknown priority (expected low, medium, high or urgent)");
}

const char *cc_severity_name(cc_severity s)
{
	return (unsigned)s < CC__ARRAY_SIZE(severity_names) ? severity_names[s] : "unknown";
}

cc_priority cc_severity_priority(cc_severity s)
{
	switch (s) {
	case CC_SEVERITY_CRITICAL:
		return CC_PRIORITY_URGENT;
	case CC_SEVERITY_HIGH:
		return CC_PRIORITY_HIGH;
	case CC_SEVERITY_MEDIUM:
		return CC_PRIORITY_MEDIUM;
	default:
		return CC_PRIORITY_LOW;
	}
}

const char *cc_route_reason_name(cc_route_reason r)
{
	return (unsigned)r < CC__ARRAY_SIZE(reason_names) ? reason_names[r] : "unknown";
}

const char *cc_rule_action_name(cc_rule_action_kind kind)
{
	return (unsigned)kind < CC__ARRAY_SIZE(action_names) ? action_names[kind] : "unknown";
}
