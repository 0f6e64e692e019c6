"""Proactive messages: queued in the transaction of the data they belong to (``queue``), sent
through each platform's ``Sender`` (``sender``) by the delivery worker (``worker``)."""
