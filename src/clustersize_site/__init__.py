"""The site build: typed page generators and calculator build steps behind the thin MkDocs hooks.

Not shipped in the wheel (the wheel holds ``clustersize`` only). ``memo`` generates the memo's numbers, tables
and figures; ``calculator`` builds the calculator page's wheel, runtime copy, snapshot and page data.
"""
