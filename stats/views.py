from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.form_origin import sent_from_this_site
from core.no_store import never_stored

from . import counting


@csrf_exempt
@require_POST
def count(request):
    """The beacon: always ``204 No Content``, counted or not, and never a cookie."""
    path = counting.page_path(request.POST.get("p"))
    if path and sent_from_this_site(request) and counting.wanted(request):
        counting.count(request, path, request.POST.get("r", ""))
    return never_stored(HttpResponse(status=204))
