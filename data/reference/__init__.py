"""Official reference geography: file discovery, geometry repair, loading and the PDOK/CBS download."""
