"""MkDocs plugins of thongbao. They stay thin: the archive logic lives in the ``thongbao`` core."""
