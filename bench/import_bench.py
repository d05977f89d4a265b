"""CSV import benchmark: rows/second and peak memory, SQLite and PostgreSQL.

Run with ``make bench-import ROWS=1000000`` (or ``.venv/bin/python bench/import_bench.py
--rows N [--keep] [--skip-postgres]``). Each import runs in its own child process, which
reports its elapsed seconds, peak RSS and result counts as JSON, so memory is measured per
import. A 10x smaller SQLite import shows that peak memory does not grow with file size.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ADMIN_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
TARGET_SECONDS = 120

CHILD = """
import json, resource, sys, time
from subscriber_db.csv_import import import_csv
from subscriber_db.engine import make_engine
engine = make_engine(sys.argv[2])
start = time.perf_counter()
r = import_csv(sys.argv[1], engine)
seconds = time.perf_counter() - start
engine.dispose()
print(json.dumps({"seconds": seconds, "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "rows": r.rows, "inserted": r.inserted, "updated": r.updated,
                  "applications": r.applications, "error_count": r.error_count, "ok": r.ok}))
"""


def write_csv(path: Path, count: int) -> None:
    from subscriber_db.csv_import import COLUMNS
    from subscriber_db.demo_data import crowd_rows

    start = time.perf_counter()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(crowd_rows(count))
    print(
        f"generated {count:,} rows in {time.perf_counter() - start:.1f} s, "
        f"{path.stat().st_size / 2**20:.1f} MiB: {path}",
        flush=True,
    )


def run_import(label: str, csv_path: Path, url: str) -> dict:
    env = dict(os.environ, SQLALCHEMY_SILENCE_UBER_WARNING="1")
    print(f"importing {label} ...", flush=True)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(csv_path), url], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{label} import failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        raise RuntimeError(f"{label} import rejected the file: {result['error_count']} row errors")
    return dict(result, target=label)


def postgres_import(csv_path: Path) -> dict:
    """Import into a throwaway database; returns {"skipped": reason} if PostgreSQL is unreachable."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    name = f"kt_bench_{secrets.token_hex(4)}"
    admin = create_engine(ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        return {"skipped": str(exc.orig).strip().splitlines()[0]}
    try:
        return run_import("postgresql", csv_path, ADMIN_URL.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def print_table(results: list) -> None:
    head = f"{'target':<22}{'rows':>11}{'seconds':>9}{'rows/s':>10}{'peak RSS MiB':>14}  inserted/updated"
    print("\n" + head + "\n" + "-" * len(head))
    for r in results:
        print(
            f"{r['target']:<22}{r['rows']:>11,}{r['seconds']:>9.1f}{r['rows'] / r['seconds']:>10,.0f}"
            f"{r['rss_kib'] / 1024:>14.1f}  {r['inserted']:,}/{r['updated']:,}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (CSV files, SQLite dbs)")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="import_bench_"))
    try:
        big, small = tmp / f"big_{args.rows}.csv", tmp / f"small_{args.rows // 10}.csv"
        write_csv(big, args.rows)
        write_csv(small, args.rows // 10)
        sqlite_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        results = [
            run_import("sqlite (first)", big, sqlite_url),
            run_import("sqlite (re-import)", big, sqlite_url),
            run_import("sqlite (N/10 rows)", small, f"sqlite:///{tmp / 'small.sqlite3'}"),
        ]
        pg = {"skipped": "--skip-postgres"} if args.skip_postgres else postgres_import(big)
        if "skipped" in pg:
            print(f"postgresql: skipped: {pg['skipped']}")
        else:
            results.append(pg)
        print_table(results)
        first, small_run = results[0], results[2]
        print(
            f"\npeak RSS: {first['rss_kib'] / 1024:.1f} MiB for {first['rows']:,} rows vs "
            f"{small_run['rss_kib'] / 1024:.1f} MiB for {small_run['rows']:,} rows"
        )
        if args.rows >= 1_000_000:
            met = "met" if first["seconds"] < TARGET_SECONDS else "not met"
            print(f"SQLite 1M target (<{TARGET_SECONDS} s): {met} ({first['seconds']:.1f} s)")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
