{%- extends 'manage_students_base.tpl' -%}

{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/manage_students.js"></script>
{%- endblock -%}

{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li class="active">Apprenants</li>
</ol>
{%- endblock -%}

{%- block table_header -%}
<tr>
  <th>Nom</th>
  <th class="text-center">Identifiant</th>
  <th class="text-center">Courriel</th>
  <th class="text-center">Note totale</th>
  <th class="text-center no-sort">Modifier</th>
</tr>
{%- endblock -%}

{%- block table_body -%}
<tr><td colspan="5">Chargement, veuillez patienter…</td></tr>
{%- endblock -%}

{%- block table_footer -%}
<tr>
  <td colspan="5">
    <span class="glyphicon glyphicon-plus" aria-hidden="true"></span>
    <a href="#" onClick="createStudentModal();">Ajouter un apprenant…</a>
  </td>
</tr>
{%- endblock -%}
