"""Process assembly, the composition root: settings (``config``), which platforms and services
make up a process (``assembly``), ``coalition-bot run`` (``run``) and the command line
(``cli``). The only part of ``bot`` that may import ``adapters``."""
