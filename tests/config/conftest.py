import pytest

from config.nearcache import near_clear


@pytest.fixture(params=[0, 32 * 2**20], ids=["shared cache", "near cache"])
def near_cache(request, settings):
    """Runs a test as development does (the shared cache alone) and as production does (each
    worker's near copies in front of it, `config.nearcache`): freshness must hold in both."""
    settings.NEAR_CACHE_BYTES = request.param
    near_clear()
    yield request.param
    near_clear()
