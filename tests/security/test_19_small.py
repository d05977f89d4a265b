"""Issue 21, finding 10 (smaller ones): GET /version answered without a token; OPS_JWT_SECRET was
missing from the production profile's required secrets; the bot's database role had no grant on
inbox_labels (the production-profile check is in test_prod_profile_doors.py)."""

from sec import api_headers, request


def test_version_needs_the_api_token(sec_stack):
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        r = request(sec_stack.url + "/version", headers=headers)
        assert r.status == 401 and "3.6" not in r.text, r.text
    r = request(sec_stack.url + "/version", headers=api_headers())
    assert r.status == 200 and r.json.get("version"), r.text
    assert request(sec_stack.url + "/").status == 200  # the health check stays open


def test_production_requires_the_operators_secret():
    import settings

    env = {name: "x" * 40 for name in settings.PRODUCTION_SECRETS}
    env["DATABASE_URL"] = "postgresql+psycopg2://kt_bot:pw@127.0.0.1:5432/kt"
    assert settings.Settings.from_env(env).production_problems() == []
    del env["OPS_JWT_SECRET"]
    assert "OPS_JWT_SECRET is not set" in settings.Settings.from_env(env).production_problems()


def test_the_bots_role_is_granted_the_inbox_labels():
    from runtime.provision import SUBSCRIBER_GRANTS

    assert {"SELECT", "INSERT", "UPDATE", "DELETE"} <= {
        p.strip() for p in SUBSCRIBER_GRANTS.get("inbox_labels", "").split(",")
    }
