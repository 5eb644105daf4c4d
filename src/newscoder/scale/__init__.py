"""Scaling out: coding partitions of the input on a Dask cluster into a Parquet dataset.

    partitions   cut inputs (any fsspec URL) into keyed partitions; read one back
    dataset      the dataset's layout (hive-partitioned Parquet), writing and reading it
    dask_engine  submit partitions to a dask.distributed cluster (needs the `dask` extra)
    load         bulk-load a dataset into the event store (SQLite, PostgreSQL)

Nothing here imports Dask at import time except ``dask_engine``, so plain ``newscoder
code`` and ``newscoder load`` run without the extra.
"""
