"""The numbers of polite fetching, in one place (no imports: the command line reads
them for its help without loading httpx). :class:`communique.fetch.client.FetchConfig`
reads them when it is made, so a test may set them (or pass its own config).
"""

from communique.version import __version__

#: where a site owner reads who is fetching their pages
PROJECT_URL = "https://pypi.org/project/communique/"
USER_AGENT = f"communique/{__version__} (+{PROJECT_URL})"
#: the name matched against robots.txt ``User-agent`` lines
ROBOTS_AGENT = "communique"

#: seconds between the starts of two requests to one host
PER_HOST_DELAY = 1.0
#: requests in flight to one host at once
PER_HOST_CONCURRENCY = 2
#: requests in flight in all (worker threads of a crawl)
CONCURRENCY = 4
#: a robots.txt ``Crawl-delay`` is obeyed up to this many seconds
MAX_CRAWL_DELAY_S = 30.0

CONNECT_TIMEOUT_S = 10.0
#: longest silence while waiting for an answer or the next piece of a body
READ_TIMEOUT_S = 30.0
#: longest time for one whole response, however slowly it trickles
TOTAL_TIMEOUT_S = 120.0

MAX_REDIRECTS = 5
#: the same limit as for files (:data:`communique.sources.MAX_INPUT_BYTES`)
MAX_BODY_BYTES = 20 * 1024 * 1024
MAX_ROBOTS_BYTES = 512 * 1024

MAX_RETRIES = 3
#: first backoff, doubled at each retry
BACKOFF_S = 2.0
#: a longer ``Retry-After`` is not waited for: the URL fails with the reason
MAX_RETRY_AFTER_S = 120.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

#: pages fetched by one crawl run when ``--max-pages`` is not given
DEFAULT_MAX_PAGES = 1000
