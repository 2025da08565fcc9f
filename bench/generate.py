"""Make a data tree of N varied settlements from the samples in data/.

Each generated settlement is a copy of one sample with its own slug, name,
households and phones, so the tree is as large as a real county or province.

    python bench/generate.py 100 /tmp/bench-data
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"


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
