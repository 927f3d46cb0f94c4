from kocsite.checker import check


def test_minimal_programme_is_clean(programme):
    result = check(programme(), cache_dir=None)
    assert result.problems == []
    assert result.files == 5
