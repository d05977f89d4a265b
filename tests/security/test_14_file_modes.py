"""Issue 21, finding 5: personal-data files readable by every local user. var/ was 0755 and the
conversation store (with -wal/-shm), the demo CSV, the logs and the subscriber database 0644.
The launchers and the commands that write personal data now set umask 077 and make var/ and the
log folder 0700; these checks look at the modes after the stack started and after seeding."""

import os
import stat
import subprocess
from pathlib import Path

from sec import ROOT


def loose(paths):
    """Every path some other local user could read (or, for folders, enter)."""
    return [
        (str(p), oct(stat.S_IMODE(p.stat().st_mode)))
        for p in paths
        if p.exists() and stat.S_IMODE(p.stat().st_mode) & 0o077
    ]


def test_the_running_stacks_files_are_for_its_user_only(sec_stack):
    sec_stack.rest("sec-modes", "환급금 언제 들어와요?")  # the store and the logs exist
    var, log = sec_stack.tmp / "var", sec_stack.log_dir
    assert stat.S_IMODE(var.stat().st_mode) == 0o700 and stat.S_IMODE(log.stat().st_mode) == 0o700
    files = [p for folder in (var, log) for p in folder.rglob("*")]
    store = [Path(f"{sec_stack.tracker_db}{end}") for end in ("", "-wal", "-shm")]
    assert store[0].exists() and any(p.name.endswith(".log") for p in files)
    assert loose(files + store) == []


def test_seeding_writes_private_files_whatever_the_callers_umask(tmp_path):
    var = tmp_path / "var"
    env = dict(os.environ, VAR_DIR=str(var), PYTHONPATH=str(ROOT))
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "seed-demo-subscribers"), "--crowd", "5"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    written = [var / "subscribers.sqlite3", var / "demo_subscribers.csv"]
    assert all(p.exists() for p in written), sorted(var.iterdir())
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert loose(written + list(var.rglob("*"))) == []
