"""Finding 8: 5 failures per 30 minutes per number allowed ~240 guesses a day and never escalated;
nothing limited one conversation trying many numbers (/restart even reset its counter); check,
verify and record were separate steps, so two workers could both take a guess; and typing the
literal text 'verified' passed the birth-date step."""

import os
import subprocess
import sys
import textwrap

from sec import ROOT, SEAL_KEY

REFUSED = ("잠겼어요", "더 이상 확인할 수 없어요", "더 진행할 수 없어요")


def test_one_conversation_cannot_try_many_numbers_even_after_restart(sec_stack):
    sender = "sec-many-numbers"
    for n in range(10):  # ten unknown numbers, one wrong guess each, restarting to reset the form
        if n % 4 == 0:
            sec_stack.rest(sender, "/restart")
        sec_stack.rest(sender, "제가 대상인지 확인해 주세요")
        sec_stack.rest(sender, f"010-9999-{n:04d} 19900101")
    sec_stack.rest(sender, "/restart")
    sec_stack.rest(sender, "제가 대상인지 확인해 주세요")
    answer = sec_stack.rest(sender, "010-2025-0006 900214").texts()  # a real customer, the right birth date
    assert "2026" not in answer and any(word in answer for word in REFUSED), answer


def test_typing_verified_does_not_pass_the_birth_date_step(sec_stack):
    sender = "sec-magic-word"
    sec_stack.rest(sender, "제 환급금 언제 들어와요?")
    assert "생년월일" in sec_stack.rest(sender, "010-2025-0007").texts()
    answer = sec_stack.rest(sender, "verified").texts()
    assert "생년월일" in answer, answer  # asked again: the form is not done
    tracker = [data for _, data in sec_stack.stored("rest:" + sender) + sec_stack.stored(sender)]
    assert not any(
        e.get("event") == "slot" and e.get("name") == "verified_lines" and e.get("value") for e in tracker
    )


RACE = textwrap.dedent('''
    import sys, threading
    from datetime import date
    import settings
    settings.reset()
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher
    from actions.handlers import verification
    from actions.deps import repository
    from actions.turn import read_turn
    repository().create_schema()

    def tracker(sender, failures=0):
        return Tracker(sender, {"verify_failures": failures}, {"text": "", "intent": {}}, [], False, None, {},
                       "action_listen")

    phone, wrong = "01020250008", date(2000, 1, 1)
    for n in range(4):   # four failures already: one guess left before the number locks
        verification.attempt(phone, wrong, read_turn(tracker(f"race-prep-{n}")), CollectingDispatcher())
    barrier = threading.Barrier(8)
    said = []
    def guess(n):
        d = CollectingDispatcher()
        barrier.wait()
        verification.attempt(phone, wrong, read_turn(tracker(f"race-{n}")), d)
        said.append(" ".join(m.get("text") or "" for m in d.messages))
    threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    guesses = sum(1 for s in said if "잠겼어요" not in s)
    print("guesses", guesses)
''')


def test_two_workers_cannot_both_take_the_last_guess(sec_stack, tmp_path):
    """Eight simultaneous attempts on a number with one guess left: exactly one is checked."""
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=sec_stack.db_url,
        BOT_SEAL_KEY=SEAL_KEY,
        BOT_TODAY="2026-01-20",
        VAR_DIR=str(tmp_path),
    )
    out = subprocess.run(
        [sys.executable, "-c", RACE], env=env, capture_output=True, text=True, cwd=ROOT, timeout=180
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip().splitlines()[-1] == "guesses 1", out.stdout


def test_guesses_per_number_escalate_and_stop_for_the_day(tmp_path):
    """Against the repository with a clock: 240 guesses a day were possible; now 10."""
    code = textwrap.dedent(f'''
        from datetime import date, datetime, timedelta
        import settings
        settings.reset()
        from subscriber_db import SubscriberRepository, make_engine
        from subscriber_db.csv_import import import_csv
        from subscriber_db.demo_data import write_csv
        from auth import verification as guard
        repo = SubscriberRepository(make_engine("sqlite:///{tmp_path}/s.db"))
        write_csv(__import__("pathlib").Path("{tmp_path}/d.csv"), crowd=0)
        import_csv("{tmp_path}/d.csv", repo.engine)
        policy, key, source = guard.policy(), guard.phone_key("01020250009"), "s" * 64
        now, guesses, locks = datetime(2026, 1, 20, 0, 0), 0, []
        end = now + timedelta(days=1)
        while now < end:
            out = repo.attempt_verification("01020250009", date(2000, 1, 1), key, guard.source_key(str(now)), policy,
                                            "customer:x", "rest", now=now)
            if out.locked_until is None or out.locked_now:
                guesses += 1
            if out.locked_now:
                locks.append(out.locked_until - now)
            now += timedelta(minutes=1)
        right = repo.attempt_verification("01020250009", date(1999, 3, 15), key, "t" * 64, policy, "customer:x", "rest",
                                          now=datetime(2026, 1, 20, 23, 0))
        print(guesses, [int(l.total_seconds() // 60) for l in locks], bool(right.lines))
    ''')
    env = dict(os.environ, PYTHONPATH=str(ROOT), BOT_SEAL_KEY=SEAL_KEY, VAR_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    guesses, rest = out.stdout.strip().split(" ", 1)
    assert int(guesses) <= 10, out.stdout
    assert rest.startswith("[30, ") and rest.endswith("False"), (
        out.stdout
    )  # 30 min first, then longer; locked
