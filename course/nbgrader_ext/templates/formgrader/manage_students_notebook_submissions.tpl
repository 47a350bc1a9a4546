{%- extends 'manage_students_base.tpl' -%}

{%- block head -%}
<script>
var student_id = "{{ student_id }}";
var assignment_id = "{{ assignment_id }}";
</script>

<script src="{{ base_url }}/formgrader/static/js/manage_students_notebook_submissions.js"></script>
{%- endblock head -%}

{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li><a href="{{ base_url }}/formgrader/manage_students">Apprenants</a></li>
  <li><a href="{{ base_url }}/formgrader/manage_students/{{ student_id }}">{{ student_id }}</a></li>
  <li class="active">{{ assignment_id }}</li>
</ol>
{%- endblock -%}

{%- block table_header -%}
<tr>
  <th>Carnet</th>
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
<tr><td colspan="7">Chargement, veuillez patienter…</td></tr>
{%- endblock -%}
