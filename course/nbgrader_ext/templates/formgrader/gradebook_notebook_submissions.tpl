{%- extends 'gradebook_base.tpl' -%}

{%- block head -%}
<script>
var assignment_id = "{{ assignment_id }}";
var notebook_id = "{{ notebook_id }}";
</script>

<script src="{{ base_url }}/formgrader/static/js/gradebook_notebook_submissions.js"></script>
{%- endblock head -%}

{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li><a href="{{ base_url }}/formgrader/gradebook">Notation manuelle</a></li>
  <li><a href="{{ base_url }}/formgrader/gradebook/{{ assignment_id }}">{{ assignment_id }}</a></li>
  <li class="active">{{ notebook_id }}</li>
</ol>
{%- endblock -%}

{#- Button to toggle all student names. nbgrader's toggleAllNames() reads the button's English label: the
    course's own function reads which names are hidden instead (formgrader_fr.js). -#}
{%- block messages -%}
<button id="toggle_names" type="button" onclick="caspToggleAllNames()">Afficher tous les noms</button>
{%- endblock -%}

{%- block table_header -%}
<tr>
  <th></th>
  <th>Copie</th>
  <th class="text-center">Note</th>
  <th class="text-center">Code</th>
  <th class="text-center">Écrit</th>
  <th class="text-center">Tâches</th>
  <th class="text-center">À noter à la main ?</th>
  <th class="text-center">Tests échoués ?</th>
  <th class="text-center">Signalée ?</th>
</tr>
{%- endblock -%}

{%- block table_body -%}
<tr><td colspan="8">Chargement, veuillez patienter…</td></tr>
{%- endblock -%}
