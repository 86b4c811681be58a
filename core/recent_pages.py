"""The pages one process served lately, kept in its memory."""

import threading
from collections import OrderedDict


class RecentPages:
    """Pages this process served lately, so a hit fetches only the small tag versions.

    An entry is used only while its tag versions are current and its expiry
    (which honours the next scheduled publication) has not passed, exactly as
    the shared copy would be.
    """

    def __init__(self, size):
        self.size = size
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)
