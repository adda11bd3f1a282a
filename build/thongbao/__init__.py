"""thongbao: turns Vietnamese provincial notices into Markdown pages with trustworthy metadata.

The core never imports MkDocs; the MkDocs plugins in ``thongbao_mkdocs`` import this package.
"""

__version__ = "0.1.0"
