import async_timeout


def request_timeout(delay):
    # The service's own wrapper, as aiohttp's ceil_timeout: a timeout rounded up to whole seconds
    # for long delays.
    return async_timeout.timeout(delay if delay < 5 else round(delay + 0.5))
