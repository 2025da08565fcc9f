"""Make a data tree of N varied settlements from the samples in data/.

Each generated settlement is a copy of one sample with its own slug, name,
households and phones, so the tree is as large as a real county or province.
Each also posts one notice of its own, expiring on one of the 30 days after
TODAY in turn: on any day about one settlement in thirty reaches a turn
(generator/pages/turns.py), as a county's notices do.

    python bench/generate.py 100 /tmp/bench-data
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
TODAY = dt.date(2026, 11, 22)  # bench/build.py's build day


def generate(n: int, out: Path) -> Path:
    """Write portal.yml and n settlements under out; return out."""
    if out.exists():
        shutil.rmtree(out)
    (out / "settlements").mkdir(parents=True)
    shutil.copy(SAMPLE / "portal.yml", out / "portal.yml")
    samples = sorted(p for p in (SAMPLE / "settlements").iterdir() if p.is_dir())
    for i in range(n):
        source = samples[i % len(samples)]
        target = out / "settlements" / f"{source.name}-{i:05d}"
        shutil.copytree(source, target)
        profile = target / "settlement.yml"
        text = profile.read_text(encoding="utf-8")
        lines = text.splitlines()
        for k, line in enumerate(lines):
            if line.startswith("name: "):
                lines[k] = f"{line}{i:05d}号"
        profile.write_text("\n".join(lines) + "\n", encoding="utf-8")
        notices = target / "notices"
        notices.mkdir(exist_ok=True)
        expires = TODAY + dt.timedelta(days=i % 30)
        (notices / f"{TODAY.isoformat()}-社区通知.md").write_text(
            f"---\ntitle: 社区通知{i:05d}\ndate: {TODAY.isoformat()}\n"
            f"expires: {expires.isoformat()}\n---\n请居民留意楼道公告。\n",
            encoding="utf-8",
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    generate(args.n, args.out)
    print(f"{args.n} settlements in {args.out}")


if __name__ == "__main__":
    main()
