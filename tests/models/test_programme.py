from kocsite.models.programme import load_programme


def test_loads_every_entity_by_id(programme):
    loaded = load_programme(programme({
        "tasks/deep-review/batch.yaml": """\
            contributions:
              - koc: li-lei
                title: 第二篇
                date: 2025-07-12
              - id: third
                koc: li-lei
                title: 第三篇
                date: 2025-07-13
            """,
    }))
    assert loaded.problems == []
    assert set(loaded.kocs) == {"li-lei", "han-meimei"}
    assert loaded.campaigns["cockpit"].roles[0].name == "技术体验官"
    assert loaded.tasks["deep-review"].points == 100
    assert [r.id for r in loaded.contributions["deep-review"]] == ["batch-1", "third", "li-lei"]


def test_invalid_files_are_reported_and_left_out(programme):
    loaded = load_programme(programme({"kocs/bad.yaml": "name: [\n"}))
    assert "bad" not in loaded.kocs
    assert [p.code for p in loaded.problems] == ["E004"]
