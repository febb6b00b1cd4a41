"""Proof by generation of the table readers (issue 11, item 5).

Random valid project tables are laid out along every dimension real exports
vary in, put 1-4 to a document with page furniture and prose, and written in
every source form; ``tests/test_io_layouts.py`` holds the properties the
reader must satisfy. ``python -m tests.layouts.dump OUT --form tsv --count 20``
writes samples to look at.

==============  ==============================================================
module          what it does
==============  ==============================================================
``tables``      :func:`~.tables.samples`: random valid tables, scored by jixiao
``layout``      :class:`~.layout.Layout`: one choice along each dimension
``sheet``       :func:`~.sheet.build`: a layout's rows of cells, each with the
                paths of the values it prints; page breaks; a sheet unmerged
                and filled; column widths
``expected``    :func:`~.expected.expected`: the table a reader must give back
``document``    :func:`~.document.documents`: tables, prose, notes, page numbers
``walk``        the walk of a document every writer prints from
``forms``       :func:`~.forms.render` in each form; what a form cannot carry
``forms_text``  tab-separated text, laid-out text, Markdown (pipe tables, drawn tables)
``forms_rich``  HTML, xlsx, PDF
``inject``      planted inconsistencies and the findings they must give
``verify``      reading back what a location points at (checks of the writers)
``words``       the words tables and reports are made of
``draws``       cheap draws (strategies made once)
``dump``        the sample writer
==============  ==============================================================

The chain, for one table::

    Sample --layouts()--> Layout --build()--> Sheet --pages()--> rows on pages (--filled()-->)
       \\___ expected(sample, layout) --forms.expected(placed, form)--> the model to read back
"""
