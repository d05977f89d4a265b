"""Issue 21, finding 8: the KakaoTalk door was open outside production. With no skill secret
configured any request was taken as Kakao's, on any interface; and a Kakao user id shaped like a
phone number became a conversation id (stored and logged as it is). Now the door does not start
without the secret unless the server listens on loopback only, and such user ids become a keyed
digest."""

import pytest
from sec import SEAL_KEY


@pytest.fixture
def with_env(tmp_path):
    import settings

    def use(**env):
        return settings.reset({"VAR_DIR": str(tmp_path), "BOT_SEAL_KEY": SEAL_KEY, **env})

    yield use
    settings.reset()


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "::"])
def test_the_door_does_not_start_without_its_secret_off_loopback(with_env, host):
    import settings
    from connectors.kakao import KakaoInput

    with_env(BIND_HOST=host)
    with pytest.raises(settings.SettingsError, match="KAKAO_SKILL_SECRET"):
        KakaoInput.from_credentials(None)
    with_env(BIND_HOST=host, KAKAO_SKILL_SECRET="s" * 40)
    assert KakaoInput.from_credentials(None).secret == "s" * 40


def test_without_a_secret_it_starts_on_loopback_only(with_env):
    from connectors.kakao import KakaoInput

    for host in ("127.0.0.1", "::1", "localhost"):
        with_env(BIND_HOST=host)
        assert KakaoInput.from_credentials(None).secret is None


@pytest.mark.parametrize("user", ["01020250001", "010-2025-0001", "19880412", "880412-1234567"])
def test_a_user_id_holding_a_phone_number_or_birth_date_is_never_stored(sec_stack, user):
    r = sec_stack.kakao("환급금 언제 들어와요?", user=user)
    assert r.status == 200 and r.json["template"]["outputs"], r.text
    again = sec_stack.kakao("고마워요", user=user)
    assert again.status == 200
    senders = {sid for sid, _ in sec_stack.stored("kakao:%")}
    assert f"kakao:{user}" not in senders
    digits = user.replace("-", "")
    assert not [s for s in senders if digits in s.replace("-", "")]
    logs = "\n".join(p.read_text(errors="replace") for p in sec_stack.log_dir.rglob("*.log"))
    assert user not in logs


def test_the_digest_is_one_conversation_per_user(with_env):
    from connectors.kakao import conversation_key

    with_env()
    assert (
        conversation_key("01020250001") == conversation_key("01020250001") != conversation_key("01020250002")
    )
    assert conversation_key("01020250001").startswith("h-")
    assert conversation_key("c3f7a5b2e0d14f6a") == "c3f7a5b2e0d14f6a"  # an ordinary key stays as it is
