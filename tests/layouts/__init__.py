"""Proof by generation of the table readers (issue 11, item 5).

Random valid project tables (:mod:`.tables`) are laid out along every
dimension real exports vary in (:mod:`.layout`), turned into rows of cells that
know which printed value each cell holds (:mod:`.sheet`), put in documents with
page furniture and prose around them (:mod:`.document`), and written in every
source form (:mod:`.forms`: tab-separated and laid-out text, Markdown, HTML,
xlsx, PDF). :mod:`.inject` plants known inconsistencies and says which
findings they must give. ``tests/test_io_layouts.py`` holds the properties;
``python -m tests.layouts.dump OUT --form tsv --count 20`` writes samples to
look at.

The chain, for one table::

    Sample (tables.py)  --layouts()-->  Layout (layout.py)
        \\__ sheet.build(sample, layout) -> Sheet: rows of cells, each with the paths it prints
        \\__ sheet.expected(sample, layout) -> the ProjectTable a reader must give back
    Document (document.py): 1-4 tables, prose, notes, page breaks
        \\__ forms.render(document, form, path) -> the file and every path's location
        \\__ forms.expected(table, form) -> what the form cannot carry, removed
"""
