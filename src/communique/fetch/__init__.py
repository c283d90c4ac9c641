"""Fetching readouts from the web, politely and incrementally.

* :mod:`~communique.fetch.client`: HTTP done the way a good crawler does it (httpx, a
  clear User-Agent, robots.txt, a per-host delay and concurrency limit, retries with
  backoff on 429/5xx honouring Retry-After, conditional requests, timeouts, a redirect
  limit, a size limit), every failure turned into a one-line reason.
* :mod:`~communique.fetch.content`: what a body is (HTML, PDF, text, a feed or
  sitemap, or something unsupported) and its text (declared and sniffed encodings via
  :func:`communique.sources.decode_bytes`, PDF text via pypdf).
* :mod:`~communique.fetch.links`: the links an index page, an RSS/Atom feed or a
  sitemap lists, with the date each is listed under.
* :mod:`~communique.fetch.crawl`: ``crawl START_URL``: listings read, readouts handed
  on to a :class:`~communique.fetch.crawl.Readouts`, the frontier and each URL's state
  kept in a :class:`~communique.fetch.crawl.CrawlLog` (the ingest path gives it the
  archive's, :mod:`communique.archive.crawlstate`, so a re-run sends only conditional
  requests and an interrupted crawl resumes where it stopped). Nothing here imports
  the archive.
"""
