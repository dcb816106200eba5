"""The weekly digest: what changed, what is at risk, what is due, assembled from facts.

Plain Python over facts loaded in bulk (storage/digest_facts.py): no per-partnership look-ups, so a
workspace of thousands of partnerships costs the same handful of queries as one of ten.

- `facts`: what storage loads; `sections`: the `Digest` of sections with codes and figures
  that the handlers' builders turn into Dutch or English; `assembly`: facts -> Digest;
  `kpi_figures`: the KPI section; `subscription`: the `/creator digest subscribe` grammar.

"Since last week" is the digest's moment minus 7 days: last week's figures are computed from
the same facts (stage changes reversed, KPI periods up to that day, NPS answers up to then).
Fees and premiums are not versioned, so their change since last week reflects partnerships
that started or ended, not edits of a fee.
"""
