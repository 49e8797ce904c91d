"""Strategies for the custom GraphQL scalars of the schema, for schemathesis (loaded through
SCHEMATHESIS_HOOKS by .ci/contract.sh). `UUID` and `DateTime` use schemathesis' own
strategies (a UUID; an RFC 3339 date-time with `Z`), which the server reads as documented.
`JSON` is any JSON value: null, booleans, 32-bit integers, short texts, and lists and objects
of them, as GraphQL literals (object keys are GraphQL names, as a literal needs)."""

import graphql
import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes


def _object(fields):
    return nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value=key), value=value)
            for key, value in fields.items()
        ]
    )


_KEYS = st.from_regex(r"\A[a-z][a-z0-9_]{0,11}\Z")
_LEAVES = st.one_of(
    st.just(nodes.Null),
    st.booleans().map(nodes.Boolean),
    st.integers(min_value=-(2**31), max_value=2**31 - 1).map(nodes.Int),
    st.text(max_size=20).map(nodes.String),
)
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(nodes.List),
        st.dictionaries(_KEYS, inner, max_size=4).map(_object),
    ),
    max_leaves=12,
)

schemathesis.graphql.scalar("JSON", _JSON)
