"""The one engine per process, session scopes, SQLite pragmas and migrations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Dialect, Engine, Select, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
IMMEDIATE_OPTION = "partnerdesk_sqlite_immediate"


def create_db_engine(url: str) -> Engine:
    """An engine for SQLite (WAL, foreign keys, busy timeout) or PostgreSQL (psycopg 3)."""
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            poolclass=StaticPool if in_memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT and
        # "BEGIN IMMEDIATE"; we issue BEGIN ourselves (SQLAlchemy's documented recipe).
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_begin(conn: Connection) -> None:
    # `session_scope(engine, immediate=True)` takes the write lock at BEGIN (see there).
    immediate = conn.get_execution_options().get(IMMEDIATE_OPTION)
    # On the cursor: SQLAlchemy's execution costs every transaction more than SQLite's BEGIN.
    _execute(conn, "BEGIN IMMEDIATE" if immediate else "BEGIN", ()).close()


def _execute(connection: Connection, sql: str, args: Any) -> Any:
    """Run SQL on the connection's DB-API cursor (listeners of `before_cursor_execute`
    still see it: the statement-count tests); the open cursor, for fetching."""
    cursor = connection.connection.cursor()
    listeners = connection.dispatch.before_cursor_execute
    if listeners:
        listeners(connection, cursor, sql, args, None, False)
    try:
        cursor.execute(sql, args)
    except BaseException:
        cursor.close()
        raise
    return cursor


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    dbapi_connection.isolation_level = None  # see the "begin" listener above
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def session_scope(engine: Engine, *, immediate: bool = False) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error.

    `immediate=True` is for a read-then-write transaction that other processes race for
    (claiming due reminders): on SQLite it begins with `BEGIN IMMEDIATE`, taking the write
    lock first, so such transactions run one at a time (waiting up to the busy timeout) and
    never fail half-way on a lock upgrade; PostgreSQL ignores it (use row locks there).
    """
    bind = engine.execution_options(**{IMMEDIATE_OPTION: True}) if immediate else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@dataclass
class _Compiled:
    """A statement as one dialect runs it, and how to convert what goes in and comes out."""

    sql: str
    positional: tuple[str, ...] | None  # bind names in order (qmark/format), else by name
    fixed: dict[str, Any]  # the values written into the statement (status == 'pending')
    bind_processors: dict[str, Callable[[Any], Any]]
    # Per result column, from the first cursor's description (PostgreSQL's converters
    # depend on the type code it reports).
    result_processors: list[Callable[[Any], Any] | None] | None = None


class HotQuery:
    """A SELECT for a hot path, compiled once per dialect and run on the DB-API cursor.

    SQLAlchemy's execution costs 30-80 us per statement in Python around the 5-10 us that
    SQLite takes to run a small one (cache key, ORM context, result metadata, Row objects;
    bench/README.md, "status card"): on the status card that was most of the request. This
    keeps SQLAlchemy's SQL, its dialects and its type conversions (dates on SQLite, enums,
    JSON, decimals) and drops the per-call work: rows come back as plain tuples of converted
    values. `before_cursor_execute` listeners still see every statement (the statement-count
    tests). For selects of columns only (no ORM entities) with scalar bind parameters.
    """

    def __init__(self, statement: Select) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def rows(self, connection: Connection, **params: Any) -> list[tuple[Any, ...]]:
        """Every row, converted, for these bind parameter values."""
        dialect = connection.dialect
        compiled = self._by_dialect.get(dialect.name) or self._compile(dialect)
        values = {**compiled.fixed, **params}
        for name, process in compiled.bind_processors.items():
            values[name] = process(values[name])
        args: Any = (
            tuple(values[name] for name in compiled.positional)
            if compiled.positional is not None
            else values
        )
        cursor = _execute(connection, compiled.sql, args)
        try:
            rows = cursor.fetchall()
            processors = compiled.result_processors
            if processors is None:
                processors = compiled.result_processors = self._result_processors(
                    dialect, cursor.description
                )
        finally:
            cursor.close()
        converters = [(index, process) for index, process in enumerate(processors) if process]
        if not converters:
            return rows
        converted = []
        for row in rows:
            values_out = list(row)
            for index, process in converters:
                values_out[index] = process(values_out[index])
            converted.append(tuple(values_out))
        return converted

    def first(self, connection: Connection, **params: Any) -> tuple[Any, ...] | None:
        rows = self.rows(connection, **params)
        return rows[0] if rows else None

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        if "POSTCOMPILE" in compiled.string:
            raise ValueError("HotQuery takes scalar bind parameters only (no expanding IN)")
        # Each bind parameter by the name the SQL uses (`binds` also holds internal keys).
        binds = {name: bind for bind, name in compiled.bind_names.items()}
        processors = {}
        for name, bind in binds.items():
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                processors[name] = process
        prepared = _Compiled(
            sql=compiled.string,
            positional=tuple(compiled.positiontup or ()) if compiled.positional else None,
            fixed={name: bind.value for name, bind in binds.items() if not bind.required},
            bind_processors=processors,
        )
        self._by_dialect[dialect.name] = prepared
        return prepared

    def _result_processors(
        self, dialect: Dialect, description: Any
    ) -> list[Callable[[Any], Any] | None]:
        columns = self.statement.selected_columns
        return [
            column.type.dialect_impl(dialect).result_processor(dialect, described[1])
            for column, described in zip(columns, description, strict=True)
        ]


@contextmanager
def read_scope(engine: Engine) -> Iterator[Connection]:
    """A read-only unit of work for `HotQuery`s: one transaction (every statement sees the
    same data), without an ORM session's bookkeeping; rolled back at the end."""
    with engine.connect() as connection, connection.begin() as transaction:
        yield connection
        transaction.rollback()


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to the newest migration (what `partnerdesk migrate` runs), or to
    an older `revision` (to test an upgrade from it)."""
    command.upgrade(_alembic_config(engine), revision)


def pending_migrations(engine: Engine) -> bool:
    """True when the database is behind the newest migration (or was never migrated)."""
    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current != head
