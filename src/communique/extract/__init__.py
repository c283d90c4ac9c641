"""Text → engagement records, one module per question the text answers.

``layout`` (title, date line, headings), ``dates`` (dates, times, durations),
``people`` (names, titles, countries), ``places`` (places and occasions),
``numbers`` (rounds and ordinals), ``outcomes``, ``follow_ups``, ``engagements``
(which meetings happened and who took part) and ``pipeline`` (the order they run in).
"""
