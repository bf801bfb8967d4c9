"""Compile main.in into main.lock with hashes, leaving torch out.

torch is installed first from requirements/torch.txt (a local CPU build whose
hash differs from the registry's), so the lock pins everything else by hash and
drops torch with the CUDA-only packages the registry's build would pull in.
Run: python requirements/lock.py  (needs pip-tools)
"""
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
GPU_ONLY = re.compile(r"^(torch|triton|nvidia-[\w-]+|cuda-[\w-]+)==")


def strip_blocks(lock_text: str) -> str:
    kept, skipping = [], False
    for line in lock_text.splitlines():
        if re.match(r"^[A-Za-z0-9]", line):
            skipping = bool(GPU_ONLY.match(line))
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def main() -> None:
    out = HERE / "main.lock"
    subprocess.run(
        [sys.executable, "-m", "piptools", "compile", "--quiet", "--generate-hashes",
         "--allow-unsafe", "--strip-extras", "--no-header",
         "-c", str(HERE / "torch.txt"), "-o", str(out), str(HERE / "main.in")],
        check=True,
    )
    out.write_text(strip_blocks(out.read_text()))


if __name__ == "__main__":
    main()
