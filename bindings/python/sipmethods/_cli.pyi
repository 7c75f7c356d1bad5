# SPDX-License-Identifier: MIT
from typing import Sequence

def main(argv: Sequence[bytes], /) -> int: ...
