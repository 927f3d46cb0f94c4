"""A page cache for `mkdocs build`: a page whose inputs are the same as at the last build is not
converted, rendered or indexed again, and a file the site folder already holds is not written again.

It runs inside the MkDocs process (`install()` before MkDocs' own command line) and changes nothing
in what MkDocs writes: `tests/site/test_page_cache.py` compares a cached build with a clean build
byte for byte. Each page goes through two steps, cached separately:

- Markdown → HTML (`Page.render`), keyed by the page's source, its front matter and the whole
  config. A page's links depend on other files: the cache keeps every file lookup the conversion
  made and reuses the HTML only while each looked-up file still resolves to the same URL. A page
  that logged a warning is never cached, so `--strict` still sees every warning.
- HTML → the written page (`_build_page`: Material's template and its search entries), keyed by the
  conversion's key, the navigation (every title and URL in it), the page's title and URL. The page
  written by the last build stays in the site folder while it has the size and time recorded then.

Search entries depend on jieba's dictionary, which holds every KOC's nickname. When the user
dictionary changed but jieba's total frequency did not, a page keeps its entries unless its text
contains a word whose frequency changed: jieba only weighs words that occur in the text it cuts.

The site folder is not cleaned when the last cached build wrote it: static files whose source and
copy are as recorded stay, and afterwards every file a clean build would not have written goes.
Front matter is parsed once per distinct header.

The cache is used only with the plugins it knows to be pure (search, tags) and without Markdown
extensions that read files; any other set-up builds as plain MkDocs does. Pages that list tags are
never cached (their listing depends on every page). The cache lives in one folder: a JSON manifest
written atomically, and each page's converted HTML in a file named by its key; what the build did
not use is deleted after it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from importlib import metadata
from pathlib import Path, PurePath

import msgspec
import yaml
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as mkdocs_meta

from kocsite.core.atomic import WriteError, write_atomic
from kocsite.core.nogc import no_cycle_collection

VERSION = 1
MANIFEST = "manifest.json"
STORE = "store"
PURE_PLUGINS = frozenset({"search", "material/search", "tags", "material/tags"})
FILE_READING_EXTENSIONS = ("snippets", "b64", "include")
LISTING_MARKER = "material/tags"
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe", "jieba", "backrefs")

_render = Page.render
_build_page = mkdocs_build._build_page
_build = mkdocs_build.build
_copy_file = File.copy_file
_clean_directory = mkdocs_utils.clean_directory
_get_data = mkdocs_meta.get_data
_active: PageCache | None = None


def _key(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _meta_text(meta: dict) -> str:
    return json.dumps(meta, sort_keys=True, ensure_ascii=False, default=repr)


def _files_under(folder: Path) -> list[bytes]:
    return [p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()]


def config_digest(config, serve_url: str | None) -> str:
    """Everything a page's HTML can depend on beyond its own source: the config files, the theme's
    own templates folder, the versions of the packages that convert and render, and this module."""
    path = Path(config.config_file_path)
    parts: list[object] = [VERSION, sys.version, serve_url is not None, path.read_bytes()]
    inherited = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("INHERIT")
    if inherited:
        parts.append((path.parent / inherited).read_bytes())
    if config.theme.custom_dir:
        parts += _files_under(Path(config.theme.custom_dir))
    search = _search_plugin(config)
    if search and search.config.get("jieba_dict") and os.path.isfile(search.config["jieba_dict"]):
        parts.append(Path(search.config["jieba_dict"]).read_bytes())
    for package in PACKAGES:
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=-")
    parts.append(Path(__file__).read_bytes())
    return _key(*parts)


def cacheable(config) -> bool:
    """Only plugins whose page events are pure, and no Markdown extension that reads other files."""
    if not set(config.plugins) <= PURE_PLUGINS:
        return False
    names = [e if isinstance(e, str) else type(e).__module__ for e in config.markdown_extensions]
    return not any(word in name for name in names for word in FILE_READING_EXTENSIONS)


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def _user_words(plugin) -> dict[str, int] | None:
    """jieba's user dictionary as {word: frequency}; None without jieba segmentation."""
    path = plugin.config.get("jieba_dict_user") if plugin else None
    if not path or not os.path.isfile(path):
        return None
    words: dict[str, int] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word, _, freq = line.strip().partition(" ")
        if word:
            words[word] = words.get(word, 0) + int(freq.split(" ")[0] or 0)
    return words


def _changed_words(old: dict[str, int] | None, new: dict[str, int] | None) -> frozenset[str] | None:
    """The words whose frequency changed; None when every page must be indexed again (jieba's total
    frequency changed, so every cut may differ)."""
    if old is None or new is None:
        return frozenset() if old == new else None
    if sum(old.values()) != sum(new.values()):
        return None
    changed = frozenset(w for w in old.keys() | new.keys() if old.get(w) != new.get(w))
    return None if any("\u200b" in w for w in changed) else changed


def _stat(path: str | None) -> list[int] | None:
    try:
        stat = os.stat(path) if path else None
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns] if stat else None


def _toc_tokens(items) -> list[dict]:
    return [{"name": i.title, "id": i.id, "level": i.level, "children": _toc_tokens(i.children)} for i in items]


CONTENT_FIELDS = ("title", "toc", "anchors", "links", "lookups")
PAGE_FIELDS = ("written", "entries")


def _record(table: dict, key: str, fields: tuple[str, ...]) -> dict | None:
    """A record of the last build, or None when it is missing or not of the shape this module writes."""
    record = table.get(key)
    return record if isinstance(record, dict) and all(field in record for field in fields) else None


def _table(manifest: dict, name: str) -> dict:
    table = manifest.get(name)
    return table if isinstance(table, dict) else {}


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageCache:
    def __init__(self, folder: Path, digest: str, words: dict[str, int] | None) -> None:
        self.folder, self.store = folder, folder / STORE
        self.digest, self.words = digest, words
        self.start = time.time_ns()
        old = self._read_manifest()
        fresh = old.get("digest") == digest and old.get("version") == VERSION
        last = old if fresh else {}
        # what the last build recorded, and what this one records (save() keeps only what it used)
        self.old_site = last.get("site_dir")
        self.changed_words = _changed_words(last.get("words"), words) if fresh else None
        self.old_content, self.content = _table(last, "content"), {}
        self.old_pages, self.pages = _table(last, "pages"), {}
        self.old_files, self.files = _table(last, "files"), {}
        self.old_listing, self.listing = _table(last, "listing"), {}
        self.old_front_matter, self.front_matter = _table(last, "front_matter"), {}
        # this build's own bookkeeping
        self.page_key: dict[str, str] = {}
        self.deferred: dict[str, str] = {}
        self.listings: list[str] = []
        self.expected: set[str] = set()
        self.nav_digest: str | None = None
        self.hits = {"render": 0, "page": 0}

    def _read_manifest(self) -> dict:
        try:
            # millions of acyclic objects, alive for the whole build: the cycle collector would rescan them
            # while they are made and at every collection after (1.2 s of a 5.5 s cached build at reference scale)
            with no_cycle_collection():
                manifest = json.loads((self.folder / MANIFEST).read_bytes())  # here json reads faster than msgspec
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) else {}

    def _stored(self, key: str) -> Path:
        return self.store / f"{key}.html"

    def _keep(self, key: str, data: bytes) -> None:
        """Written whole or not at all; a temp file a kill leaves behind goes with the next save()."""
        path = self._stored(key)
        if path.is_file():
            return
        try:
            self.store.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data, durable=False)
        except (OSError, WriteError):  # a full disk costs the cache, never the build (converted next time)
            pass

    # Front matter: YAML parsed once per distinct header

    def get_data(self, doc: str) -> tuple[str, dict]:
        match = mkdocs_meta.YAML_RE.match(doc)
        if match is None:
            return _get_data(doc)
        header = match.group(1)
        known = self.old_front_matter.get(header) or self.front_matter.get(header)
        if isinstance(known, str):
            self.front_matter[header] = known
            return doc[match.end():].lstrip("\n"), json.loads(known)
        body, data = _get_data(doc)
        text = json.dumps(data, ensure_ascii=False, default=repr)
        if data and json.loads(text) == data:  # dates and other YAML types are parsed every time
            self.front_matter[header] = text
        return body, data

    # Markdown → HTML

    def render(self, page: Page, config, files) -> None:
        if LISTING_MARKER in page.markdown:
            self.listings.append(page.file.src_uri + "\0" + page.markdown)
            return _render(page, config, files)
        key = _key(self.digest, page.file.src_uri, _meta_text(page.meta), page.markdown)
        record = _record(self.old_content, key, CONTENT_FIELDS)
        if record and self._lookups_hold(record["lookups"], files) and self._stored(key).is_file():
            self._restore(page, record, files)
            self.deferred[page.file.src_uri] = key
            self.content[key] = record
            self.page_key[page.file.src_uri] = key
            self.hits["render"] += 1
            return
        lookups: dict[str, list | None] = {}
        warned = self._render_recording(page, config, files, lookups)
        if warned:
            return
        self.content[key] = {
            "title": page._title_from_render, "toc": _toc_tokens(page.toc.items),
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
            "lookups": sorted([uri, *(found or [None])] for uri, found in lookups.items()),
        }
        self._keep(key, page.content.encode("utf-8", "surrogatepass"))
        self.page_key[page.file.src_uri] = key

    def _render_recording(self, page: Page, config, files, lookups: dict) -> bool:
        """Render with every file lookup recorded; True when the render logged a warning."""
        find = files.get_file_from_path

        def recorded(uri: str):
            found = find(uri)
            lookups[PurePath(uri).as_posix()] = None if found is None else [found.url, found.inclusion.is_excluded()]
            return found

        warnings = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        files.get_file_from_path = recorded
        try:
            _render(page, config, files)
        finally:
            del files.get_file_from_path
            logger.removeHandler(warnings)
        return warnings.count > 0

    @staticmethod
    def _lookups_hold(lookups: list, files) -> bool:
        by_uri = files.src_uris
        for uri, url, *excluded in lookups:
            found = by_uri.get(uri)
            if (found is None) != (url is None):
                return False
            if found is not None and (found.url != url or found.inclusion.is_excluded() != excluded[0]):
                return False
        return True

    @staticmethod
    def _restore(page: Page, record: dict, files) -> None:
        page.content = ""  # read from the store only if the page is rendered again (see build_page)
        page.toc = get_toc(record["toc"])
        page._title_from_render = record["title"]
        page.present_anchor_ids = set(record["anchors"])
        page.links_to_anchors = {files.src_uris[uri]: links for uri, links in record["links"].items()}

    # HTML → written page

    def build_page(self, page: Page, config, doc_files, nav, env, dirty: bool, excluded: bool) -> None:
        target = page.file.abs_dest_path
        self.expected.add(target)
        render_key = self.page_key.get(page.file.src_uri)
        if render_key is None:
            return _build_page(page, config, doc_files, nav, env, dirty, excluded)
        key = _key(render_key, self._nav(nav), page.title, page.url, excluded)
        record = _record(self.old_pages, key, PAGE_FIELDS)
        search = _search_plugin(config)
        if record is not None and record["written"] == _stat(target) and self._entries_hold(record["entries"]):
            if search:
                search.search_index.entries.extend(record["entries"])
            self.pages[key] = record
            self.hits["page"] += 1
            return
        if page.file.src_uri in self.deferred:
            page.content = self._stored(self.deferred.pop(page.file.src_uri)).read_text(encoding="utf-8", errors="surrogatepass")
        first = len(search.search_index.entries) if search else 0
        _build_page(page, config, doc_files, nav, env, dirty, excluded)
        entries = search.search_index.entries[first:] if search else []
        self.pages[key] = {"written": _stat(target), "entries": entries}  # made JSON by save(), as MkDocs' own dump does

    def copy_file(self, file: File, dirty: bool) -> None:
        """A file the site folder already holds as the last build copied it, from the same source, stays."""
        target = file.abs_dest_path
        self.expected.add(target)
        stamps = [_stat(file.abs_src_path), _stat(target)]
        if self.old_files.get(target) != stamps or stamps[1] is None:
            _copy_file(file, dirty)
            stamps[1] = _stat(target)
        self.files[target] = stamps

    def list_site(self, site_dir: str, remove_stale: bool) -> None:
        """The files of the site folder, for the next build; with `remove_stale`, first delete what a clean
        build would not have written: files this build neither kept nor wrote again (the same size and
        time as after the last build), or, unknown to it, older than the build (top-level dot files stay,
        as MkDocs' clean keeps them); then emptied folders."""
        before = self.start - 2_000_000_000  # a file's time is coarser than the clock
        self.listing = {}
        for folder, _, names in os.walk(site_dir, topdown=False):
            for name in names:
                path = os.path.join(folder, name)
                stamp = _stat(path)
                if remove_stale and path not in self.expected and not (folder == site_dir and name.startswith(".")):
                    last = self.old_listing.get(path)
                    if stamp == last or (last is None and stamp is not None and stamp[1] < before):
                        os.unlink(path)
                        continue
                self.listing[path] = stamp
            if remove_stale and folder != site_dir and not os.listdir(folder):
                os.rmdir(folder)

    def _nav(self, nav) -> str:
        """Every title and URL of the navigation (Material renders it into each page), and the tag listings."""
        if self.nav_digest is None:
            def shape(items) -> list:
                return [[type(i).__name__, i.title, getattr(i, "url", None), shape(getattr(i, "children", None) or [])]
                        for i in items]
            self.nav_digest = _key(json.dumps(shape(nav.items), ensure_ascii=False), *sorted(self.listings))
        return self.nav_digest

    def _entries_hold(self, entries: list[dict]) -> bool:
        if self.changed_words is None:
            return False
        if not self.changed_words:
            return True
        text = "".join(f"{e.get('title', '')}\n{e.get('text', '')}\n" for e in entries).replace("\u200b", "")
        return not any(word in text for word in self.changed_words)

    def save(self, site_dir: str) -> None:
        manifest = {"version": VERSION, "digest": self.digest, "reused": self.hits, "site_dir": site_dir,
                    "words": self.words, "content": self.content, "pages": self.pages, "files": self.files,
                    "listing": self.listing, "front_matter": self.front_matter}
        kept = {f"{key}.html" for key in self.content}
        try:  # the site is built: a cache that cannot be saved only makes the next build slower
            text = msgspec.json.encode(manifest, enc_hook=str)  # 76 MB at reference scale: 7× faster than json
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / MANIFEST, text, durable=False)
            for path in self.store.iterdir() if self.store.is_dir() else ():
                if path.name not in kept:
                    path.unlink()
        except (OSError, WriteError, msgspec.EncodeError, UnicodeError) as exc:
            logging.getLogger("mkdocs").info("kocsite page cache not saved: %s", exc)


def _cached_render(page: Page, config, files) -> None:
    if _active is None:
        return _render(page, config, files)
    return _active.render(page, config, files)


def _cached_build_page(page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
    if _active is None or (dirty and not page.file.is_modified()):
        return _build_page(page, config, doc_files, nav, env, dirty, excluded)
    return _active.build_page(page, config, doc_files, nav, env, dirty, excluded)


def _cached_get_data(doc: str) -> tuple[str, dict]:
    return _get_data(doc) if _active is None else _active.get_data(doc)


def _cached_copy_file(file: File, dirty: bool = False) -> None:
    if _active is None or file.abs_src_path is None or file._content is not None:
        return _copy_file(file, dirty)
    return _active.copy_file(file, dirty)


def install(folder: str | Path) -> None:
    """Before MkDocs' command line runs: every `build` of this process uses the cache in `folder`."""
    folder = Path(folder)

    def cached_build(config, *, serve_url: str | None = None, dirty: bool = False) -> None:
        global _active
        if dirty or not cacheable(config):  # a dirty build skips pages: it would forget their entries
            return _build(config, serve_url=serve_url, dirty=dirty)
        _active = cache = PageCache(folder, config_digest(config, serve_url), _user_words(_search_plugin(config)))
        # The site folder of the last cached build holds its pages: keep them rather than clean and copy.
        in_place = cache.old_site == config.site_dir and os.path.isdir(config.site_dir)
        if in_place:
            mkdocs_utils.clean_directory = lambda directory: None
        try:
            _build(config, serve_url=serve_url, dirty=dirty)
            cache.list_site(config.site_dir, remove_stale=in_place)
            cache.save(config.site_dir)
            logging.getLogger("mkdocs").info("kocsite page cache: Markdown of %(render)d pages and %(page)d "
                                             "whole pages reused", cache.hits)
        finally:
            _active = None
            mkdocs_utils.clean_directory = _clean_directory

    Page.render = _cached_render
    File.copy_file = _cached_copy_file
    mkdocs_meta.get_data = _cached_get_data
    mkdocs_build._build_page = _cached_build_page
    mkdocs_build.build = cached_build
