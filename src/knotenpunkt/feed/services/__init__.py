"""The feed's operations, by sub-domain: entries (refresh from the sources), interests
(the precomputed profile), ranking (the personal feed and the popular tab), follows, usage
(opens, ratings, consent) and sharing (shares and notices)."""
