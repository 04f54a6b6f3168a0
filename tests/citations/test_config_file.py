from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config_file import load_settings, parse_duration
from citecheck.errors import InputError


def test_settings_file_overrides_defaults(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text(
        "[fetch]\nallow_private = true\nper_host = 3\nmax_age = '12h'\n"
        "[match]\ntitle_pass = 85\n"
        "[publishers]\n'Dawn' = ['dawn.com', 'Dawn News']\n'Reuters' = 'reuters.co.uk'\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.fetch.allow_private is True
    assert settings.fetch.per_host == 3
    assert settings.fetch.max_age == 12 * 3600
    assert settings.match.title_pass == 85.0
    assert settings.match.publisher_aliases == {
        "Dawn": ["dawn.com", "Dawn News"],
        "Reuters": ["reuters.co.uk"],
    }


def test_every_bad_setting_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text(
        "[fetch]\nper_host = 'two'\nofline = true\nallow_private = 1\n[extra]\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_settings(path)
    shown = str(path)
    messages = caught.value.messages
    assert (
        messages[0]
        == f"{shown}: [extra]: unknown section (known: fetch, match, lookup, archive, verify, publishers)"
    )
    assert messages[1] == f"{shown}: fetch.per_host: must be a whole number, 0 or more"
    assert messages[2].startswith(f"{shown}: fetch.ofline: unknown setting (known: ")
    assert "offline" not in messages[2]  # a per-run option, not a file setting
    assert messages[3] == f"{shown}: fetch.allow_private: must be true or false"
    assert len(messages) == 4


def test_broken_toml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text("[fetch\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path)
    assert len(caught.value.messages) == 1
    assert caught.value.messages[0].startswith(f"{path}: cannot read:")


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("90s", 90), ("15m", 900), ("12h", 43200), ("1d", 86400), ("2w", 1209600), (30, 30)]
)  # fmt: skip
def test_durations(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "1y", "-5", "1 d h"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_probe_sites_can_be_named_in_the_file(tmp_path: Path) -> None:
    """An intranet that reaches neither default probe site names its own; [] never blames the
    network."""
    path = tmp_path / "citecheck.toml"
    path.write_text(
        '[fetch]\nconnectivity_probes = ["https://intranet.example/", "http://10.0.0.1/"]\n',
        encoding="utf-8",
    )
    assert load_settings(path).fetch.connectivity_probes == (
        "https://intranet.example/",
        "http://10.0.0.1/",
    )
    path.write_text("[fetch]\nconnectivity_probes = []\n", encoding="utf-8")
    assert load_settings(path).fetch.connectivity_probes == ()
    path.write_text('[fetch]\nconnectivity_probes = "https://intranet.example/"\n', "utf-8")
    with pytest.raises(InputError, match="connectivity_probes"):
        load_settings(path)
