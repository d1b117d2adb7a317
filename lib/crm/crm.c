/* cc_crm: opening the CRM over a store, its options and clock. */
#include <ctype.h>

#include "callcenter/text.h"
#include "crm_int.h"

CC_EXTERN(int) cc_crm_options_init(cc_crm_options *opts, unsigned int version)
{
	static const cc_crm_options defaults = CC_CRM_OPTIONS_INIT;
	int rc;
	CC__CHECK_NOTNULL(opts);
	rc = cc__check_options_version(__func__, "cc_crm_options", version,
				       CC_CRM_OPTIONS_VERSION);
	if (rc < 0)
		return rc;
	*opts = defaults;
	opts->version = version;
	return 0;
}

int64_t cc_crm__now(const cc_crm *crm)
{
	if (crm->clock)
		return crm->clock(crm->clock_userdata);
	return cc_store__now_ms();
}

CC_EXTERN(int) cc_crm_open(cc_crm **out, cc_store *store,
			   const cc_crm_options *opts)
{
	static const cc_crm_options defaults = CC_CRM_OPTIONS_INIT;
	const char *region;
	cc_crm *crm;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(store);
	if (!opts)
		opts = &defaults;
	rc = cc__check_options_version(__func__, "cc_crm_options",
				       opts->version, CC_CRM_OPTIONS_VERSION);
	if (rc < 0)
		return rc;
	region = opts->default_region ? opts->default_region : "SA";
	if (strlen(region) != 2 || !cc_text_phone_region_known(region))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "default_region must be a region whose phone "
				 "numbers the library knows (SA, AE, JO...)");
	rc = cc_store_schema_version(store);
	if (rc < 0)
		return rc;
	if (rc < cc_store_schema_latest())
		return cc__error(CC_ESTATE, CC_ERRCLASS_CRM,
				 "the database schema is version %d, the "
				 "library needs %d: run `callcenter db "
				 "migrate`",
				 rc, cc_store_schema_latest());

	crm = cc__calloc(1, sizeof(*crm));
	if (!crm)
		return cc__error_nomem();
	crm->store = store;
	crm->region[0] = (char)toupper((unsigned char)region[0]);
	crm->region[1] = (char)toupper((unsigned char)region[1]);
	crm->keep_calls_days = opts->retention_calls_days
				       ? opts->retention_calls_days
				       : 365;
	crm->keep_transcripts_days = opts->retention_transcripts_days
					     ? opts->retention_transcripts_days
					     : 90;
	crm->keep_tickets_days = opts->retention_tickets_days
					 ? opts->retention_tickets_days
					 : 730;
	crm->clock = opts->clock;
	crm->clock_userdata = opts->clock_userdata;
	rc = cc_crm__rekey_names(crm);
	if (rc < 0) {
		cc__free(crm);
		return rc;
	}
	*out = crm;
	return 0;
}

CC_EXTERN(void) cc_crm_free(cc_crm *crm)
{
	cc__free(crm);
}

CC_EXTERN(cc_store *) cc_crm_store(cc_crm *crm)
{
	return crm ? crm->store : NULL;
}
