"""`python -m pipeline`: the command line (`run.cli`), ended at the least cost.

Once the command is done, Python would tear down every module it imported before exiting,
which takes a tenth of a second, a sixth of a `--no-enrich` run. Nothing is left for it to do:
the outputs are written and closed, the child processes reaped, the display stopped. So the
process ends at once, its exit code the command's, once its standard streams are flushed. An
error that escapes the command ends it the usual way, traceback and all.
"""

import os
import sys

from .run.cli import main

code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except OSError:  # a closed pipe (`| head`): nothing more can be written anyway
    pass
os._exit(code)
