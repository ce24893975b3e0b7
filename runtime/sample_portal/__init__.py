"""The bundled sample portal: the user's five seed pages served as a small offline website on 127.0.0.1.

Four sites in three portal styles (two Chongqing district portals, a GBK county portal, an industrial-park
aggregator whose topic pages carry ten reports each), list pages with pagination, non-report pages that
must end as skipped, robots.txt. `serve_portal()` yields the base URL; `start_urls(base)` are the list pages
a crawl starts from. Used by `govreports demo`, `govreports serve-portal` and the tests.
"""

from runtime.sample_portal.server import serve_portal, start_urls

__all__ = ["serve_portal", "start_urls"]
