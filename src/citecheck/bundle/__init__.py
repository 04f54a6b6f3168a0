"""The archive bundle: what each cited source said when the article was checked, in standard
forms (WARC 1.1, WACZ 1.1.1) and in forms an editor opens directly (snapshots, manifest.json,
index.html). One module per part; `bundle_writer` puts them together."""
