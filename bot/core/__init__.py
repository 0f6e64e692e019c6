"""The platform-neutral core: what an adapter hands in (``incoming``), cleaning it
(``sanitize``), the command registry (``registry``), one message in and one reply out
(``dispatch``), and the process's runtime of senders and services (``runtime``)."""
