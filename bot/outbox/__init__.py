"""Proactive messages: queued in the transaction of the data they belong to (``queue``, the
only way a feature writes or changes outbox rows), sent through each platform's ``Sender``
(``sender``) by the delivery worker (``worker``, the service and its lane loop, with
``claims``, ``lanes``, ``sending``, ``outcomes`` and ``notices``); features take part
through ``hooks``, never the other way round."""
