"""The newsfacet search API for Python (``SearchService``) and HTTP (``http.create_app``)."""

from .models import DateRange as DateRange
from .models import FacetSuggestions as FacetSuggestions
from .models import FacetValue as FacetValue
from .models import Hit as Hit
from .models import IndexStats as IndexStats
from .models import QuoteHit as QuoteHit
from .models import QuoteRequest as QuoteRequest
from .models import QuoteResults as QuoteResults
from .models import SearchRequest as SearchRequest
from .models import SearchResults as SearchResults
from .service import SearchService as SearchService
