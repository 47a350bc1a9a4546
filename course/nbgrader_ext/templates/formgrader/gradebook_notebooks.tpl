{%- extends 'gradebook_base.tpl' -%}

{%- block head -%}
<script>
var assignment_id = "{{ assignment_id }}";
</script>

<script src="{{ base_url }}/formgrader/static/js/gradebook_notebooks.js"></script>
{%- endblock head -%}

{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li><a href="{{ base_url }}/formgrader/gradebook">Notation manuelle</a></li>
  <li class="active">{{ assignment_id }}</li>
</ol>
{%- endblock -%}

{%- block table_header -%}
<tr>
  <th>Carnet</th>
  <th class="text-center">Note moyenne</th>
  <th class="text-center">Moyenne du code</th>
  <th class="text-center">Moyenne de l'écrit</th>
  <th class="text-center">Moyenne des tâches</th>
  <th class="text-center">À noter à la main ?</th>
</tr>
{%- endblock -%}

{%- block table_body -%}
<tr><td colspan="6">Chargement, veuillez patienter…</td></tr>
{%- endblock -%}
