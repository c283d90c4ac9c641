"""Small helpers every layer shares: dates (:mod:`.dates`, :mod:`.date_mentions`), text
(:mod:`.text`), the sentence splitter (:mod:`.sentences`), one-to-one
matching (:mod:`.matching`) and stages declared as data (:mod:`.stages`).

Foundation layer: imports nothing of communique's own.
"""
