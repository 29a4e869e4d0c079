"""`python -m pipeline`: the command line (`run.cli`), started and ended at the least cost.

The garbage collector is off while the command's modules are imported: their objects (a
hundred thousand) are no garbage, and its passes over them were a twentieth of the start;
they are then set aside from its later passes (`gc.freeze`). Once the command is done, Python
would tear down every module it imported before exiting, which takes a tenth of a second, a
sixth of a `--no-enrich` run. Nothing is left for it to do: the outputs are written and
closed, the child processes reaped, the display stopped. So the process ends at once, its
exit code the command's, once its standard streams are flushed. An error that escapes the
command ends it the usual way, traceback and all.
"""

import gc
import os
import sys

gc.disable()
from .run.cli import main  # noqa: E402

gc.freeze()
gc.enable()
code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except OSError:  # a closed pipe (`| head`): nothing more can be written anyway
    pass
os._exit(code)
