/* Agents: create/update, status, and the availability view. */
#include <cJSON.h>

#include "crm_int.h"

static const char *const agent_statuses[] = { "available", "busy", "away",
					      "offline", NULL };

/* "a, b,c" -> ["a","b","c"] (trimmed, empty items dropped). */
static int json_list(char **out, const char *csv)
{
	cJSON *arr = cJSON_CreateArray();
	const char *p = csv;
	int rc = 0;
	if (!arr)
		return cc__error_nomem();
	while (*p && rc == 0) {
		const char *end = strchr(p, ',');
		size_t len;
		char *item;
		if (!end)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		len = (size_t)(end - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len > 0) {
			item = cc__strndup(p, len);
			if (!item || !cJSON_AddItemToArray(
					     arr, cJSON_CreateString(item)))
				rc = cc__error_nomem();
			cc__free(item);
		}
		p = *end ? end + 1 : end;
	}
	if (rc == 0) {
		*out = cJSON_PrintUnformatted(arr);
		if (!*out)
			rc = cc__error_nomem();
	}
	cJSON_Delete(arr);
	return rc;
}

CC_EXTERN(int) cc_crm_agent_upsert(cc_crm *crm, const cc_crm_agent_input *in)
{
	char *skills = NULL, *languages = NULL;
	char now[CC_STORE__TIME_MAX];
	cc_buf email = CC_BUF_INIT;
	cc_store__batch *b = NULL;
	cc_store_value p[11];
	int rc;

	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(in);
	rc = cc__check_options_version(__func__, "cc_crm_agent_input",
				       in->version,
				       CC_CRM_AGENT_INPUT_VERSION);
	if (rc < 0)
		return rc;
	if (!in->id || !*in->id || strlen(in->id) > 64)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "an agent ID of 1 to 64 bytes is required");
	if ((rc = cc_crm__text(in->id, 64, "id")) < 0 ||
	    (rc = cc_crm__text(in->name, 800, "name")) < 0 ||
	    (rc = cc_crm__text(in->department, 64, "department")) < 0 ||
	    (rc = cc_crm__text(in->skills, 4000, "skills")) < 0 ||
	    (rc = cc_crm__text(in->languages, 400, "languages")) < 0)
		return rc;
	if (in->name && !*in->name)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM, "empty name");
	if (in->max_concurrent_calls < 0 || in->max_concurrent_calls > 10)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "max_concurrent_calls must be 1 to 10");
	if (in->email && (rc = cc_crm__email(&email, in->email)) < 0)
		return rc;
	if ((in->skills && (rc = json_list(&skills, in->skills)) < 0) ||
	    (in->languages && (rc = json_list(&languages, in->languages)) < 0))
		goto done;
	cc_store__format_time(now, cc_crm__now(crm));
	p[0] = cc_store__text(in->id);
	p[1] = cc_store__text(in->name);
	p[2] = in->email ? cc_store__text(email.ptr) : cc_store__null();
	p[3] = cc_store__text(in->department);
	p[4] = cc_store__text(skills ? skills : "[]");
	p[5] = cc_store__text(languages ? languages : "[]");
	p[6] = cc_store__int(in->max_concurrent_calls
				     ? in->max_concurrent_calls
				     : 1);
	p[7] = cc_store__text(now);
	p[8] = cc_store__int(in->max_concurrent_calls != 0);
	p[9] = cc_store__int(skills != NULL);
	p[10] = cc_store__int(languages != NULL);
	rc = cc_store__batch_new(&b);
	if (rc == 0)
		rc = cc_store__batch_add(
			b,
			"INSERT INTO agents (agent_id, name, email, department, "
			"skills, languages, max_concurrent_calls, status, "
			"created_at, updated_at) VALUES ($1, $2, $3, "
			"COALESCE($4, 'reception'), $5, $6, $7, 'offline', $8, "
			"$8) ON CONFLICT (agent_id) DO UPDATE SET "
			"name = COALESCE($2, agents.name), "
			"email = COALESCE($3, agents.email), "
			"department = COALESCE($4, agents.department), "
			"skills = CASE WHEN $10 = 1 THEN excluded.skills "
			"ELSE agents.skills END, "
			"languages = CASE WHEN $11 = 1 THEN excluded.languages "
			"ELSE agents.languages END, "
			"max_concurrent_calls = CASE WHEN $9 = 1 THEN "
			"excluded.max_concurrent_calls ELSE "
			"agents.max_concurrent_calls END, "
			"updated_at = excluded.updated_at",
			p, 11);
	if (rc == 0) {
		rc = cc_store__batch_submit(crm->store, b);
		b = NULL;
	}
done:
	cc_store__batch_free(b);
	cc_buf_dispose(&email);
	cJSON_free(skills);
	cJSON_free(languages);
	return rc;
}

typedef struct status_change {
	cc_store_value p[3];
	int64_t changed;
} status_change;

static int set_status_tx(cc_store_conn *c, void *ud)
{
	status_change *s = ud;
	int rc = cc_store__exec(c,
				"UPDATE agents SET status = $2, updated_at = $3, "
				"last_active = $3 WHERE agent_id = $1",
				s->p, 3, NULL, NULL, &s->changed);
	if (rc == 0 && s->changed == 0)
		rc = cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM, "no such agent");
	return rc;
}

CC_EXTERN(int) cc_crm_agent_set_status(cc_crm *crm, const char *agent_id,
				       const char *status)
{
	char now[CC_STORE__TIME_MAX];
	status_change s;
	int rc;
	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(agent_id);
	if ((rc = cc_crm__text(agent_id, 64, "agent_id")) < 0)
		return rc;
	if (!cc_crm__one_of(status, agent_statuses))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "agent status must be available, busy, away "
				 "or offline");
	cc_store__format_time(now, cc_crm__now(crm));
	s.p[0] = cc_store__text(agent_id);
	s.p[1] = cc_store__text(status);
	s.p[2] = cc_store__text(now);
	s.changed = 0;
	return cc_store__transact(crm->store, set_status_tx, &s);
}

#define AGENT_QUERY                                                          \
	"SELECT v.agent_id, v.name, a.email, v.department, v.status, "       \
	"v.skills, v.languages, v.max_concurrent_calls, "                    \
	"v.current_call_count, v.is_available, a.last_active "               \
	"FROM agent_availability v JOIN agents a ON a.agent_id = v.agent_id"

#define F(member, kind) CC_CRM__FIELD(cc_crm_agent, member, kind)
static const cc_crm__field agent_fields[] = {
	F(id, STR),	   F(name, STR),       F(email, STR),
	F(department, STR), F(status, STR),    F(skills, STR),
	F(languages, STR), F(max_concurrent_calls, INT),
	F(current_calls, INT), F(available, INT), F(last_active, TIME),
};
#undef F
static const cc_crm__record agent_record =
	CC_CRM__RECORD(cc_crm_agent, agent_fields);

CC_EXTERN(int) cc_crm_agent_get(cc_crm_agent **out, cc_crm *crm,
				const char *agent_id)
{
	cc_store_value p;
	void *one;
	int rc;
	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(agent_id);
	if ((rc = cc_crm__text(agent_id, 64, "agent_id")) < 0)
		return rc;
	p = cc_store__text(agent_id);
	rc = cc_crm__select_one(&one, crm, &agent_record,
				AGENT_QUERY " WHERE v.agent_id = $1", &p, 1,
				"agent");
	*out = one;
	return rc;
}

CC_EXTERN(int) cc_crm_agent_search(cc_crm_agent_list **out, cc_crm *crm,
				 const char *department, int available_only)
{
	cc_store_value p;
	const char *sql;
	void *items = NULL;
	size_t count = 0;
	int rc;
	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = cc_crm__text(department, 64, "department")) < 0)
		return rc;
	p = cc_store__text(department);
	if (department)
		sql = available_only ? AGENT_QUERY
			      " WHERE v.department = $1 AND v.is_available "
			      "ORDER BY v.agent_id"
				     : AGENT_QUERY " WHERE v.department = $1 "
						   "ORDER BY v.agent_id";
	else
		sql = available_only ? AGENT_QUERY
			      " WHERE v.is_available ORDER BY v.agent_id"
				     : AGENT_QUERY " ORDER BY v.agent_id";
	rc = cc_crm__select_all(&items, &count, crm, &agent_record, sql, &p,
				department ? 1 : 0);
	if (rc == 0 && !(*out = cc__calloc(1, sizeof(**out)))) {
		cc_crm__records_free(&agent_record, items, count);
		rc = cc__error_nomem();
	}
	if (rc < 0)
		return rc;
	(*out)->count = count;
	(*out)->items = items;
	return 0;
}

CC_EXTERN(void) cc_crm_agent_free(cc_crm_agent *a)
{
	cc_crm__records_free(&agent_record, a, a ? 1 : 0);
}

CC_EXTERN(void) cc_crm_agent_list_free(cc_crm_agent_list *list)
{
	if (!list)
		return;
	cc_crm__records_free(&agent_record, list->items, list->count);
	cc__free(list);
}
