"""The weekly digest in words and small pictures (`words`), its sections as units of blocks
(`sections`), split into messages within Slack's limits (`messages`), and the replies about
subscribing a channel (`subscription`)."""
