# SPDX-License-Identifier: MIT
"""python3 import_check.py DIR: `import sipmethods` with the interpreter's default sys.path
loads the package from DIR (dist-packages) and it works."""
import os
import sys

import sipmethods
from sipmethods import Method

where = os.path.dirname(os.path.dirname(os.path.abspath(sipmethods.__file__)))
if where != sys.argv[1]:
    sys.exit("import sipmethods loads %s, not the package in %s" % (sipmethods.__file__, sys.argv[1]))
assert sipmethods.lookup("INVITE") is Method.INVITE
print("%s: %s" % (sys.executable, sipmethods.__file__))
