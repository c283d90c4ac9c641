"""Small helpers every layer shares: dates (:mod:`.dates`) and text (:mod:`.text`).

Foundation layer: imports nothing of communique's own.
"""
